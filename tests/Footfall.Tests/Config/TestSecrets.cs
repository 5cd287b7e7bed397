namespace Footfall.Tests.Config;

/// <summary>A configuration with distinctive X keys, and a check that no output holds a piece of one.</summary>
public static class TestSecrets
{
    // Distinctive enough that no message could contain a piece of them by chance.
    public static readonly string[] Values =
    [
        "Qx7ZkW9pLm2VbN4c",
        "Hj3Tq8RfYs6Ud1Ge5Ko0Pa",
        "Wz4Xc7Vb2Nm9Lk5Jh8Gf3Ds",
        "Ey6Rt1Yu4Io7Pa0Sd3Fg9Hj",
    ];

    public static string Config(string consumerKey = "\"Qx7ZkW9pLm2VbN4c\"", string extra = "") => $$"""
        {
          "announce": {
            "x": {
              "consumerKey": {{consumerKey}},
              "consumerSecret": "Hj3Tq8RfYs6Ud1Ge5Ko0Pa",
              "accessToken": "Wz4Xc7Vb2Nm9Lk5Jh8Gf3Ds",
              "accessTokenSecret": "Ey6Rt1Yu4Io7Pa0Sd3Fg9Hj"{{extra}}
            }
          }
        }
        """;

    /// <summary>Fails if the text holds any six characters in a row of any secret.</summary>
    public static void AssertNoSecretIn(string text)
    {
        foreach (string secret in Values)
        {
            for (int i = 0; i + 6 <= secret.Length; i++)
            {
                Assert.False(text.Contains(secret.Substring(i, 6), StringComparison.Ordinal), $"a piece of a secret is in: {text}");
            }
        }
    }
}
