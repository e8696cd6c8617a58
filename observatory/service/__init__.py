"""State changes and computations of the observatory, one module per subject. They flush; requests commit."""
