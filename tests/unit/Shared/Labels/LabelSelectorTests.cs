using k8s.Models;
using KubeMesos.Shared.Labels;

namespace KubeMesos.Tests.Unit.Shared.Labels;

public sealed class LabelSelectorTests
{
    private static Dictionary<string, string> Labels(params string[] pairs) =>
        pairs.Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

    private static V1LabelSelectorRequirement Requirement(string key, string op, params string[] values) =>
        new() { Key = key, OperatorProperty = op, Values = values.Length == 0 ? null : values };

    [Theory]
    [InlineData("app=web", "app=web")]
    [InlineData("app==web", "app=web")]
    [InlineData("  tier != cache ", "tier!=cache")]
    [InlineData("env in (staging, prod)", "env in (prod,staging)")]
    [InlineData("env notin(prod,prod,dev)", "env notin (dev,prod)")]
    [InlineData("canary", "canary")]
    [InlineData("! canary", "!canary")]
    [InlineData("tier!=cache,app=web,!canary", "app=web,!canary,tier!=cache")]
    [InlineData("example.com/role=db", "example.com/role=db")]
    [InlineData("app=", "app=")]
    [InlineData("in=notin", "in=notin")]
    [InlineData("x in (a,)", "x in (,a)")]
    public void Parse_ValidText_PrintsCanonicalForm(string text, string canonical)
    {
        var selector = LabelSelector.Parse(text);

        Assert.Equal(canonical, selector.ToString());
        Assert.Equal(selector, LabelSelector.Parse(selector.ToString()));
    }

    [Fact]
    public void Matches_ManyObjects_AllocatesNothing()
    {
        var selector = LabelSelector.Parse("env in (prod,staging),tier!=cache,!canary");
        var labels = Labels("env=prod", "tier=web");
        var metadata = new V1ObjectMeta { Labels = Labels("env=prod", "tier=web") };
        selector.Matches(labels);
        selector.Matches(metadata);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            selector.Matches(labels);
            selector.Matches(metadata);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Blank_IsEverything(string? text)
    {
        var selector = LabelSelector.Parse(text);

        Assert.True(selector.IsEmpty);
        Assert.True(selector.Matches(Labels("a=b")));
        Assert.True(selector.Matches((IReadOnlyDictionary<string, string>?)null));
        Assert.Equal(string.Empty, selector.ToString());
    }

    [Theory]
    [InlineData("app=web", "app=web,tier=cache", true)]
    [InlineData("app=web", "app=api", false)]
    [InlineData("app=web", "", false)]
    [InlineData("tier!=cache", "tier=web", true)]
    [InlineData("tier!=cache", "tier=cache", false)]
    [InlineData("tier!=cache", "", true)]
    [InlineData("env in (prod,staging)", "env=staging", true)]
    [InlineData("env in (prod,staging)", "env=dev", false)]
    [InlineData("env in (prod,staging)", "", false)]
    [InlineData("env notin (prod)", "env=dev", true)]
    [InlineData("env notin (prod)", "env=prod", false)]
    [InlineData("env notin (prod)", "", true)]
    [InlineData("canary", "canary=", true)]
    [InlineData("canary", "app=web", false)]
    [InlineData("!canary", "app=web", true)]
    [InlineData("!canary", "canary=yes", false)]
    [InlineData("app=web,!canary,env in (prod)", "app=web,env=prod", true)]
    [InlineData("app=web,!canary,env in (prod)", "app=web,env=prod,canary=1", false)]
    public void Matches_Labels_FollowsKubernetesSemantics(string text, string labels, bool expected)
    {
        var set = labels.Length == 0 ? new Dictionary<string, string>() : Labels(labels.Split(','));

        Assert.Equal(expected, LabelSelector.Parse(text).Matches(set));
        Assert.Equal(expected, LabelSelector.Parse(text).Matches(new V1ObjectMeta { Labels = set }));
    }

    [Theory]
    [InlineData("app=web extra", 8, "found 'extra', expected: ',' or 'end of string'")]
    [InlineData("env in prod", 7, "found 'prod', expected: '('")]
    [InlineData("env in (prod", 12, "found end of string, expected: ',' or ')'")]
    [InlineData("app=web,", 8, "found end of string, expected: identifier after ','")]
    [InlineData(",app=web", 0, "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("app web", 4, "found 'web', expected: in, notin, =, ==, !=")]
    [InlineData("app=(web)", 4, "found '(', expected: identifier")]
    [InlineData("!=web", 0, "found '!=', expected: !, identifier")]
    [InlineData("app>1", 3, "found '>', expected: in")]
    public void Parse_BadSyntax_SaysWhereAndWhatWasExpected(string text, int position, string message)
    {
        var error = Assert.Throws<LabelSelectorParseException>(() => LabelSelector.Parse(text));

        Assert.Equal(position, error.Position);
        Assert.Contains($"at position {position}", error.Message);
        Assert.Contains(message, error.Message);
        Assert.Contains(text, error.Message);
    }

    [Theory]
    [InlineData("-app=web", 0, "invalid label key \"-app\"")]
    [InlineData("a/b/c=web", 0, "invalid label key")]
    [InlineData("app=-web", 4, "invalid label value \"-web\"")]
    [InlineData("env in (ok,-bad)", 11, "invalid label value \"-bad\"")]
    [InlineData("env in (ok,bad value)", 15, "found 'value', expected: ',' or ')'")]
    public void Parse_InvalidKeyOrValue_Fails(string text, int position, string message)
    {
        var error = Assert.Throws<LabelSelectorParseException>(() => LabelSelector.Parse(text));

        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Parse_TooLongValue_Fails()
    {
        Assert.Throws<LabelSelectorParseException>(() => LabelSelector.Parse("app=" + new string('a', 64)));
    }

    [Fact]
    public void TryParse_BadText_ReturnsFalseWithMessage()
    {
        Assert.False(LabelSelector.TryParse("env in", out var selector, out var error));
        Assert.Null(selector);
        Assert.Contains("expected: '('", error);
        Assert.True(LabelSelector.TryParse("env in (a)", out selector));
        Assert.Equal("env in (a)", selector.ToString());
    }

    [Fact]
    public void FromMatchLabels_Map_IsEqualitySelector()
    {
        var selector = LabelSelector.FromMatchLabels(new Dictionary<string, string> { ["tier"] = "web", ["app"] = "shop" });

        Assert.Equal("app=shop,tier=web", selector.ToString());
        Assert.True(selector.Matches(Labels("app=shop", "tier=web", "x=y")));
        Assert.False(selector.Matches(Labels("app=shop")));
        Assert.Same(LabelSelector.Everything, LabelSelector.FromMatchLabels(null));
        Assert.Throws<LabelSelectorParseException>(() => LabelSelector.FromMatchLabels(new Dictionary<string, string> { ["bad key"] = "x" }));
    }

    [Fact]
    public void FromLabelSelector_MatchLabelsAndExpressions_AreAnded()
    {
        var selector = LabelSelector.FromLabelSelector(new V1LabelSelector
        {
            MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
            MatchExpressions =
            [
                Requirement("env", "In", "prod", "staging"),
                Requirement("tier", "NotIn", "cache"),
                Requirement("owner", "Exists"),
                Requirement("canary", "DoesNotExist"),
            ],
        });

        Assert.Equal("app=web,!canary,env in (prod,staging),owner,tier notin (cache)", selector.ToString());
        Assert.True(selector.Matches(Labels("app=web", "env=prod", "owner=me")));
        Assert.False(selector.Matches(Labels("app=web", "env=prod", "owner=me", "canary=1")));
        Assert.Equal(selector, LabelSelector.Parse(selector.ToString()));
    }

    [Theory]
    [InlineData("Equals", new[] { "a" }, "not a valid label selector operator")]
    [InlineData("In", new string[0], "values must be non-empty")]
    [InlineData("Exists", new[] { "a" }, "values must be empty")]
    public void FromLabelSelector_BadExpression_Fails(string op, string[] values, string message)
    {
        var error = Assert.Throws<LabelSelectorParseException>(() => LabelSelector.FromLabelSelector(new V1LabelSelector
        {
            MatchExpressions = [Requirement("app", op, values)],
        }));

        Assert.Contains(message, error.Message);
        Assert.Null(error.Position);
    }
}
