"""Django side of the aid rules (vanort.aid): the editable country aid-status table with its
history, saved assessments, and which saved assessments a rules change would alter."""
