namespace Vrs.Pipeline.Synthetic;

/// <summary>The outline of a scene object.</summary>
public enum ShapeKind
{
    /// <summary>A circle of radius Size.</summary>
    Disc,

    /// <summary>An axis-aligned square of half-side Size.</summary>
    Square,

    /// <summary>A box 2·Size wide and 1.4·Size tall whose corners are rounded with radius Size/3.</summary>
    RoundedBox,

    /// <summary>An isosceles triangle pointing up, 2·Size wide at the base and 2·Size tall.</summary>
    Triangle,
}
