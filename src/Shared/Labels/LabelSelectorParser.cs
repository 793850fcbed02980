namespace KubeMesos.Shared.Labels;

/// <summary>
/// Parses Kubernetes' selector syntax (k8s.io/apimachinery/pkg/labels/selector.go): comma-separated requirements
/// <c>key</c>, <c>!key</c>, <c>key=v</c>, <c>key==v</c>, <c>key!=v</c>, <c>key in (a,b)</c>, <c>key notin (a,b)</c>.
/// Whitespace separates tokens and is otherwise ignored. Error messages follow the API server's
/// "found 'x', expected: y" wording, with the position added.
/// </summary>
internal sealed class LabelSelectorParser
{
    private enum TokenKind { Word, Not, Equals, DoubleEquals, NotEquals, OpenParen, CloseParen, Comma, End }

    private readonly record struct Token(TokenKind Kind, string Text, int Position);

    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _next;

    private LabelSelectorParser(string text)
    {
        _text = text;
        _tokens = Lex(text);
    }

    public static List<LabelRequirement> Parse(string text) => new LabelSelectorParser(text).ParseAll();

    private List<LabelRequirement> ParseAll()
    {
        var requirements = new List<LabelRequirement>();
        if (Peek().Kind == TokenKind.End)
        {
            return requirements;
        }

        while (true)
        {
            var start = Peek();
            if (start.Kind is not (TokenKind.Word or TokenKind.Not))
            {
                throw Error(start, requirements.Count == 0 ? "!, identifier, or 'end of string'" : "identifier after ','");
            }

            requirements.Add(ParseRequirement());
            var after = Take();
            if (after.Kind == TokenKind.End)
            {
                return requirements;
            }

            if (after.Kind != TokenKind.Comma)
            {
                throw Error(after, "',' or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var negated = Peek().Kind == TokenKind.Not;
        if (negated)
        {
            Take();
        }

        var keyToken = Take();
        if (keyToken.Kind != TokenKind.Word)
        {
            throw Error(keyToken, "identifier");
        }

        var key = keyToken.Text;
        ValidateKey(key, keyToken.Position);
        if (negated)
        {
            return new LabelRequirement(key, LabelSelectorOperator.DoesNotExist, []);
        }

        var op = Take();
        switch (op.Kind)
        {
            case TokenKind.End or TokenKind.Comma:
                _next--; // the separator belongs to the caller
                return new LabelRequirement(key, LabelSelectorOperator.Exists, []);
            case TokenKind.Equals or TokenKind.DoubleEquals:
                return new LabelRequirement(key, LabelSelectorOperator.Equals, [ParseExactValue()]);
            case TokenKind.NotEquals:
                return new LabelRequirement(key, LabelSelectorOperator.NotEquals, [ParseExactValue()]);
            case TokenKind.Word when op.Text == "in":
                return new LabelRequirement(key, LabelSelectorOperator.In, ParseValueSet());
            case TokenKind.Word when op.Text == "notin":
                return new LabelRequirement(key, LabelSelectorOperator.NotIn, ParseValueSet());
            default:
                throw Error(op, "in, notin, =, ==, !=, ',' or 'end of string'");
        }
    }

    private string ParseExactValue()
    {
        var token = Peek();
        // "key=" selects an empty value, as in Kubernetes.
        if (token.Kind is TokenKind.End or TokenKind.Comma)
        {
            return string.Empty;
        }

        if (token.Kind != TokenKind.Word)
        {
            throw Error(token, "identifier");
        }

        Take();
        ValidateValue(token.Text, token.Position);
        return token.Text;
    }

    private List<string> ParseValueSet()
    {
        var open = Take();
        if (open.Kind != TokenKind.OpenParen)
        {
            throw Error(open, "'('");
        }

        // Like Kubernetes, empty entries ("(a,)", "()") stand for the empty value.
        var values = new List<string>();
        var current = string.Empty;
        while (true)
        {
            var token = Take();
            switch (token.Kind)
            {
                case TokenKind.Word when current.Length == 0:
                    ValidateValue(token.Text, token.Position);
                    current = token.Text;
                    break;
                case TokenKind.Comma:
                    values.Add(current);
                    current = string.Empty;
                    break;
                case TokenKind.CloseParen:
                    values.Add(current);
                    return values;
                default:
                    throw Error(token, current.Length == 0 ? "',', ')' or identifier" : "',' or ')'");
            }
        }
    }

    private void ValidateKey(string key, int position)
    {
        var errors = Validation.KubernetesNames.ValidateLabelKey(key);
        if (errors.Count > 0)
        {
            throw new LabelSelectorParseException(
                $"invalid label selector \"{_text}\": at position {position}, invalid label key \"{key}\": {string.Join("; ", errors)}", _text, position);
        }
    }

    private void ValidateValue(string value, int position)
    {
        var errors = Validation.KubernetesNames.ValidateLabelValue(value);
        if (errors.Count > 0)
        {
            throw new LabelSelectorParseException(
                $"invalid label selector \"{_text}\": at position {position}, invalid label value \"{value}\": {string.Join("; ", errors)}", _text, position);
        }
    }

    private Token Peek() => _tokens[_next];

    private Token Take() => _tokens[Math.Min(_next++, _tokens.Count - 1)];

    private LabelSelectorParseException Error(Token found, string expected)
    {
        var what = found.Kind == TokenKind.End ? "end of string" : $"'{found.Text}'";
        return new LabelSelectorParseException(
            $"unable to parse label selector \"{_text}\": at position {found.Position}, found {what}, expected: {expected}", _text, found.Position);
    }

    private static bool IsSpecial(char c) => c is '!' or '=' or '(' or ')' or ',' or '<' or '>';

    private static List<Token> Lex(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (IsSpecial(c))
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : null;
                var (kind, length) = (c, two) switch
                {
                    (_, "==") => (TokenKind.DoubleEquals, 2),
                    (_, "!=") => (TokenKind.NotEquals, 2),
                    ('=', _) => (TokenKind.Equals, 1),
                    ('!', _) => (TokenKind.Not, 1),
                    ('(', _) => (TokenKind.OpenParen, 1),
                    (')', _) => (TokenKind.CloseParen, 1),
                    (',', _) => (TokenKind.Comma, 1),
                    // '<' and '>' (Kubernetes' Gt/Lt) are not supported: they surface as an unexpected word.
                    _ => (TokenKind.Word, 1),
                };
                i += length;
                tokens.Add(new Token(kind, text.Substring(start, length), start));
                continue;
            }

            while (i < text.Length && !char.IsWhiteSpace(text[i]) && !IsSpecial(text[i]))
            {
                i++;
            }

            tokens.Add(new Token(TokenKind.Word, text[start..i], start));
        }

        tokens.Add(new Token(TokenKind.End, string.Empty, text.Length));
        return tokens;
    }
}
