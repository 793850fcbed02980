using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace KubeMesos.Dashboard.Security;

/// <summary>
/// The operator policy asked once for a whole page, for controls repeated on every row of a live table: an
/// <c>OperatorOnly</c> per row is an AuthorizeView per row, created and asked again whenever a row is.
/// </summary>
public sealed class OperatorCheck(IAuthorizationService authorization)
{
    private Task<AuthenticationState>? _asked;

    /// <summary>Whether the signed-in user may change the cluster (as of the last <see cref="UpdateAsync"/>).</summary>
    public bool MayChange { get; private set; }

    /// <summary>Asks the policy again when the authentication state changed (a new task from the cascade).</summary>
    public async Task UpdateAsync(Task<AuthenticationState>? state)
    {
        if (state is null || ReferenceEquals(state, _asked))
        {
            return;
        }

        _asked = state;
        MayChange = (await authorization.AuthorizeAsync((await state).User, ClusterAccess.OperatorPolicy)).Succeeded;
    }
}
