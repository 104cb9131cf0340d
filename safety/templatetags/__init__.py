"""Template tags of the safety registers."""
