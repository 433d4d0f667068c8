namespace Reach;

internal static class Placeholder;
