"""The legacy text pipeline: read → decode → parse → save, one module per stage.

`parse` is pure (text in, LegacyText out) so it can be tested and evaluated without a database.
"""
