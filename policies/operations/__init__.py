"""The policies app's operations: managed policies and their versions, the policies of users,
groups and roles, and the simulator, each defined once (see iamconsole.operations)."""
