"""The demo world, created through the same service functions people and moderators trigger.

`demo.scenario.load()` (the `demo_data` command) configures the funnel, signs up the logins, plays
twelve months
of applications through the vetting services at their own dates (`topfreelancer.clock`), lets the
accepted specialists write and publish their profiles, posts the customers' needs, ranks them,
invites, and plays the engagements' stories and history. Idempotent: a second load finds what the
first made and adds nothing (the needs are ranked again, for profiles published since).

This package sits above every app: it imports them all and none imports it
(`tests/test_app_direction.py`). Its tables (`demo.content`) are also the bench loader's.
"""
