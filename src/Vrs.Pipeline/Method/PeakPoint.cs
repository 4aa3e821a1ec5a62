namespace Vrs.Pipeline.Method;

/// <summary>A point query: the centre of a map cell in video pixels, on a sampled slice, with the map's value there.</summary>
public readonly record struct PeakPoint(int Slice, int CellX, int CellY, double X, double Y, float Value);
