"""Pages that compose several domains (front page, area, administration and body pages), above every domain,
so that the reference domains below import neither the initiatives nor the cooperation log."""
