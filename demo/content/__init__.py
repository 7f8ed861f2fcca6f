"""The demo's content tables: reference data (funnel), people, profiles and needs, in both languages.

Tables only, no database: the scenario (`demo.scenario`) and the bench loader (`bench.loader`) draw
from them with their own seeded generators.
"""
