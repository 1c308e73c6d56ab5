"""nhiemvu: follow-up of the tasks assigned by directive documents."""
