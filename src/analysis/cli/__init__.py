"""``python -m analysis …``: one argparse tree (``main``) and a thin module per command.

Each command parses its arguments, calls the library and maps errors to the
documented exit codes; no arithmetic and no file formats live here.
"""
