// The deployment targets Linux containers; these tests use setpriv, Debian's prometheus and Unix file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
