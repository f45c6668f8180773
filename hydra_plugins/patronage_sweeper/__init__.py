"""Hydra sweeper of the patronage tool: resumable, validated up front, with progress."""
