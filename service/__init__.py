"""govbrief service: FastAPI app, database tables, workflow and the command line."""
