"""site_templates/ stays at the top of the repository (the layout is fixed) and ships in the
wheel as planner/site_templates; pyproject.toml holds everything else."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["planner", "planner.*"]) + ["planner.site_templates"],
    package_dir={"planner.site_templates": "site_templates"},
    package_data={"planner.site_templates": ["**/*"]},
)
