"""bilateral: a small static-site engine for cited bilateral-relations reference sites.

Stages, one module each: load -> validate -> graph -> render -> write.
"""
