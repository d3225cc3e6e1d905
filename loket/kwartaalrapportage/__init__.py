"""The quarterly shortage and progress report (kwartaalrapportage) of a region or a group
of regions: its figures as of the quarter's last day (`gegevens`), rendered to PDF
(`weergave`) and exported to CSV/XLSX (`export`) from the same stored snapshot.

The snapshot is a JSON-safe dict; its shape is the contract between those modules and is
described in `gegevens.py`.
"""
