"""Joint initiatives (indsatser), their results and the cooperation log."""
