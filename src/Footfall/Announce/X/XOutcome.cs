namespace Footfall.Announce.X;

/// <summary>What an answer from X means for the request that got it.</summary>
public enum XOutcome
{
    /// <summary>Done: posted (201), deleted, or read.</summary>
    Done,
    /// <summary>403 "duplicate content": X already shows this text, which is what a retry after a lost response looks like.</summary>
    Duplicate,
    /// <summary>The post to delete is gone already (404): nothing left to do.</summary>
    NotFound,
    /// <summary>401: the credentials or the signature are wrong. A human has to fix the keys; retry only slowly.</summary>
    Unauthorized,
    /// <summary>429: wait until the rate-limit window resets.</summary>
    RateLimited,
    /// <summary>5xx, a timeout, DNS or a refused connection: try again after a growing pause.</summary>
    Transient,
    /// <summary>Any other 4xx: X will never accept this request; keep it as failed with X's words.</summary>
    Rejected,
}
