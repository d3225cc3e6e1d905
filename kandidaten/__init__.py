"""Candidates, their journey, consent and documents, and matching to vacancies."""
