"""Views of live rounds, split by who uses them: organiser, participant, event stream."""
