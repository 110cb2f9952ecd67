"""Exercise checkers: each says "not attempted yet" for an untouched placeholder, names the
likely mistake when an answer is wrong, and says what was right when it passes."""
