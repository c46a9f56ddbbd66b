"""Operations: backup and restore, the deployment self-test."""
