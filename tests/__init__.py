"""Sésame's tests: a package, so every module of them is imported once, under one name."""
