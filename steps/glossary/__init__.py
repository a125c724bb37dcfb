"""The glossary of the method: its terms (terms.py), the public page and the `{% term %}`
tag that links a word of any page to its definition (steps/templatetags/glossary.py)."""
