"""Parts of headline suggestion: gazetteer, lead cleaning, subject, forms, gate."""
