"""Streamlit front end (Chinese UI). Talks to the service over HTTP only."""
