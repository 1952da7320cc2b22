"""The Caf's side: agents, their sessions, the work queue, the processing of what families send, the audit."""
