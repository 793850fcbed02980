using System.Globalization;
using System.Text;

namespace KubeMesos.Tests.Unit.Support;

/// <summary>One sample of a scrape: <c>name{label="value",...} value [timestamp]</c>.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>
/// A strict reader of the Prometheus text exposition format (version 0.0.4): <c># HELP</c> and <c># TYPE</c> lines,
/// samples with escaped label values, <c>+Inf</c>/<c>-Inf</c>/<c>NaN</c>, optional timestamps. Anything else is a
/// <see cref="FormatException"/> naming the line, so a scrape that a Prometheus server would reject fails the test.
/// </summary>
public sealed class PrometheusText
{
    private static readonly HashSet<string> s_types = ["counter", "gauge", "histogram", "summary", "untyped"];

    private PrometheusText(IReadOnlyList<PrometheusSample> samples, IReadOnlyDictionary<string, string> types)
    {
        Samples = samples;
        Types = types;
    }

    public IReadOnlyList<PrometheusSample> Samples { get; }

    /// <summary>Metric family → its <c># TYPE</c>.</summary>
    public IReadOnlyDictionary<string, string> Types { get; }

    public IEnumerable<PrometheusSample> Named(string name) => Samples.Where(s => s.Name == name);

    public bool Has(string name) => Samples.Any(s => s.Name == name);

    /// <summary>The sum of the samples of <paramref name="name"/> (over all label sets, or those <paramref name="where"/> picks).</summary>
    public double Sum(string name, Func<IReadOnlyDictionary<string, string>, bool>? where = null) =>
        Named(name).Where(s => where?.Invoke(s.Labels) ?? true).Sum(s => s.Value);

    public static PrometheusText Parse(string text)
    {
        var samples = new List<PrometheusSample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                if (line.StartsWith('#'))
                {
                    ParseComment(line, types);
                }
                else
                {
                    samples.Add(ParseSample(line));
                }
            }
            catch (FormatException ex)
            {
                throw new FormatException($"line {number}: {ex.Message}: {line}", ex);
            }
            catch (IndexOutOfRangeException ex)
            {
                throw new FormatException($"line {number}: ends too early: {line}", ex);
            }
        }

        return new PrometheusText(samples, types);
    }

    private static void ParseComment(string line, Dictionary<string, string> types)
    {
        var parts = line.Split(' ', 4);
        if (parts.Length >= 3 && parts[1] == "TYPE")
        {
            if (parts.Length != 4 || !s_types.Contains(parts[3]) || !IsMetricName(parts[2]))
            {
                throw new FormatException("bad TYPE line");
            }

            if (!types.TryAdd(parts[2], parts[3]))
            {
                throw new FormatException($"second TYPE for {parts[2]}");
            }
        }
        else if (parts.Length >= 3 && parts[1] == "HELP" && !IsMetricName(parts[2]))
        {
            throw new FormatException("bad HELP line");
        }
    }

    private static PrometheusSample ParseSample(string line)
    {
        var i = 0;
        while (i < line.Length && line[i] is not ('{' or ' '))
        {
            i++;
        }

        var name = line[..i];
        if (!IsMetricName(name))
        {
            throw new FormatException($"bad metric name '{name}'");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var start = i;
                while (line[i] != '=')
                {
                    i++;
                }

                var label = line[start..i];
                if (!IsLabelName(label) || line[i + 1] != '"')
                {
                    throw new FormatException($"bad label '{label}'");
                }

                i += 2;
                var value = new StringBuilder();
                while (line[i] != '"')
                {
                    if (line[i] == '\\')
                    {
                        i++;
                        value.Append(line[i] switch
                        {
                            'n' => '\n',
                            '\\' => '\\',
                            '"' => '"',
                            _ => throw new FormatException($"bad escape in label '{label}'"),
                        });
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                i++;
                if (!labels.TryAdd(label, value.ToString()))
                {
                    throw new FormatException($"label '{label}' twice");
                }

                if (line[i] == ',')
                {
                    i++;
                }
                else if (line[i] != '}')
                {
                    throw new FormatException("expected ',' or '}' after a label");
                }
            }

            i++;
        }

        var fields = line[i..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 1 or > 2 || (fields.Length == 2 && !long.TryParse(fields[1], CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException("expected a value and an optional timestamp");
        }

        var sample = fields[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var v when double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            var v => throw new FormatException($"bad value '{v}'"),
        };
        return new PrometheusSample(name, labels, sample);
    }

    private static bool IsMetricName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] is '_' or ':') && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':');

    private static bool IsLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
