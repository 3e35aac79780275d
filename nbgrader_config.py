# nbgrader settings for using this repository as a course directory directly
# (`nbgrader generate_assignment 01_basics`, the formgrader).  The same settings
# drive `dlcourse`; they live in autograder/config.py.
from autograder.config import configure

c = get_config()  # noqa: F821 -- provided by traitlets when nbgrader loads this file
configure(c, root=__file__.rsplit("/", 1)[0])
