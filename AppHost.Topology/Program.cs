// Placeholder entry point; the render command is built in the lab issue.
return 0;
