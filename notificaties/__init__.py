"""Everything that sends: planners, the outbox, the dispatcher and the channels.

Built in the notifications issue; the web app writes no notifications yet.
"""
