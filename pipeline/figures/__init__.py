"""Stage 3, figures: the figure finder over the raw text (find: rules of patterns/figures.jsonl
and their context checks), written numbers -> values (normalise), the named regex fragments and
word tables the rules are written with (lexicon)."""
