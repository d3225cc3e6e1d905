"""Regions, organisations (boards, schools, institutes, ...), people and their roles."""
