"""The PDF reports: one module per report builds its context, one template renders it."""
