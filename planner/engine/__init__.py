"""Engine adapters, thin: the MkDocs plugin and the build / serve / generate commands.

The page generator (`planner.render.pages`) knows nothing of MkDocs; this
package only hands its files to an engine or writes them to disk.
"""
