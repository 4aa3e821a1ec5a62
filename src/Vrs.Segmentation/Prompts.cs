namespace Vrs.Segmentation;

/// <summary>SAM 2 point labels.</summary>
public enum PointLabel
{
    /// <summary>Padding: not a point.</summary>
    NotAPoint = -1,
    Negative = 0,
    Positive = 1,
    BoxTopLeft = 2,
    BoxBottomRight = 3,
}

/// <summary>A click in video pixel coordinates.</summary>
public readonly record struct PointPrompt(float X, float Y, PointLabel Label = PointLabel.Positive);

/// <summary>A box in video pixel coordinates (corners, any order).</summary>
public readonly record struct BoxPrompt(float X1, float Y1, float X2, float Y2)
{
    /// <summary>The video predictor never uses the box branch: a box is two points, labels 2 and 3, top-left first.</summary>
    public (PointPrompt TopLeft, PointPrompt BottomRight) AsCornerPoints() =>
        (new PointPrompt(Math.Min(X1, X2), Math.Min(Y1, Y2), PointLabel.BoxTopLeft),
         new PointPrompt(Math.Max(X1, X2), Math.Max(Y1, Y2), PointLabel.BoxBottomRight));
}
