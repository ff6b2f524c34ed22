"""QSP Workbooks: shared helpers for the "Quartier à Santé Positive" analytical notebooks.

Importing the package stays light: submodules import their heavy dependencies
(pandas, pvlib, papermill...) where they are used.
"""

__version__ = "0.1.0"
