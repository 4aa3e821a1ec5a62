namespace Vrs.Pipeline.Segment;

/// <summary>How the target is found: SteerSeg's attention maps and ranked tracklets, or Veason-R1's keyframe and boxes.</summary>
public enum SegmentMode
{
    Attention,
    Box,
}
