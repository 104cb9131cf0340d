"""Local development and the zero-config demo: DEBUG on unless the environment says otherwise."""

import warnings

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)

# runserver serves static files from the app folders; there is no collected STATIC_ROOT here.
warnings.filterwarnings("ignore", message="No directory at")
