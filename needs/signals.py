"""What needs tell the apps above them (they subscribe in their AppConfig.ready; needs imports none).

`need_changed(sender=Need, need=...)`: sent inside the transaction of every change to what a match
reads (content, skills, state) and when an operator asks for a new ranking, after the row is written
and while it is locked. Receivers run in that transaction (matching marks the need pending and
publishes its run on commit).
"""

from django.dispatch import Signal

need_changed = Signal()
