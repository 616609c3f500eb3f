"""Strategy: value disciplines, and the criterion weights they imply.

Owns the strategy analysis (``analysis``), criterion weights derived or by AHP (``weights``, with the
pure ``ahp`` method), knockout proposals for the threshold disciplines (``proposals``) and the
messages to customers (``messages``).

May import: core, engagement.
"""
