"""The Türkiye 2021 demo data set: one module per app, loaded by `manage.py load_demo`.

The top of the stack: it may import every app, and no app imports it.
"""
