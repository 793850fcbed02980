using System.Collections.Immutable;
using KubeMesos.Dashboard.Model;
using KubeMesos.Shared.Contracts;

namespace KubeMesos.Tests.Unit.Dashboard.Labels;

public sealed class LabelBoardModelTests
{
    private static PodView Pod(string name, string? tier, string ns = "default", string? app = "shop") =>
        new(ns, name, PodPhases.Running, "agent-1", "a1", null, 0.1, 16, Labels(tier, app), DateTimeOffset.UnixEpoch, null);

    private static Dictionary<string, string> Labels(string? tier, string? app)
    {
        var labels = new Dictionary<string, string>();
        if (tier is not null)
        {
            labels["tier"] = tier;
        }

        if (app is not null)
        {
            labels["app"] = app;
        }

        return labels;
    }

    private static ClusterSnapshot Snapshot(params PodView[] pods) => ClusterSnapshot.Empty() with
    {
        Pods = pods.ToImmutableDictionary(p => p.Key, p => p),
    };

    private static LabelBoardModel Board(params PodView[] pods)
    {
        var board = new LabelBoardModel();
        board.Show(Snapshot(pods));
        board.SetKey("tier");
        return board;
    }

    [Fact]
    public void Columns_ByValueSortedThenNoValue_CardsByName()
    {
        var board = Board(Pod("w2", "web"), Pod("d1", "db"), Pod("w1", "web"), Pod("x", null));

        Assert.Equal(["db", "web", null], board.Columns.Select(c => c.Value));
        Assert.Equal(["w1", "w2"], board.Columns[1].Cards.Select(c => c.Name));
        Assert.Equal("no value", board.Columns[2].Title);
        Assert.Equal(4, board.Total);
    }

    [Fact]
    public void Key_Default_IsMostCommon()
    {
        var board = new LabelBoardModel();
        board.Show(Snapshot(Pod("a", "web"), Pod("b", null)));

        Assert.Equal("app", board.Key);
        Assert.False(board.KeyChosen);
        Assert.Equal([new BoardKey("app", 2), new BoardKey("tier", 1)], board.Keys);
    }

    [Fact]
    public void Namespace_FiltersPods()
    {
        var board = Board(Pod("a", "web"), Pod("b", "web", ns: "other"));
        board.SetNamespace("other");

        Assert.Equal(["other/b"], board.Columns.SelectMany(c => c.Cards).Select(c => c.Key));
    }

    [Fact]
    public void Show_SamePods_DoesNotRecompute_NewPods_Move()
    {
        var board = Board(Pod("a", "db"));
        var snapshot = Snapshot(Pod("a", "db"));
        board.Show(snapshot);
        _ = board.Columns;
        var computed = board.Computations;
        board.Show(snapshot with { Version = 7 });
        _ = board.Columns;
        Assert.Equal(computed, board.Computations);

        board.Show(Snapshot(Pod("a", "web")));

        Assert.Equal("web", Assert.Single(board.Columns, c => c.Cards.Count > 0).Value);
    }

    [Fact]
    public void Click_Toggles_ShiftClickSelectsRangeInColumn()
    {
        var board = Board(Pod("a", "web"), Pod("b", "web"), Pod("c", "web"), Pod("d", "web"), Pod("z", "db"));

        board.Click("default/b");
        board.Click("default/d", shift: true);
        Assert.Equal(["default/b", "default/c", "default/d"], board.Selected.Order());

        board.Click("default/c");
        Assert.False(board.IsSelected("default/c"));

        // The anchor was in another column: shift-click only toggles.
        board.Click("default/z", shift: true);
        Assert.Equal(["default/b", "default/d", "default/z"], board.Selected.Order());
    }

    [Fact]
    public void ToggleColumn_SelectsAllThenClears()
    {
        var board = Board(Pod("a", "web"), Pod("b", "web"), Pod("z", "db"));

        board.ToggleColumn("web");
        Assert.True(board.IsColumnSelected(board.Columns.Single(c => c.Value == "web")));
        Assert.Equal(2, board.Selected.Count);

        board.ToggleColumn("web");
        Assert.Empty(board.Selected);
    }

    [Fact]
    public void Selector_MarksMatches_Invalid_ShowsParseErrorAndKeepsLast()
    {
        var board = Board(Pod("a", "web"), Pod("b", "db"), Pod("c", null));

        Assert.True(board.SetSelector("tier in (web,db)"));
        Assert.Equal(2, board.Matching);
        Assert.False(board.SetSelector("tier in (web"));
        Assert.NotNull(board.SelectorError);
        Assert.Contains("position", board.SelectorError);
        Assert.Equal(2, board.Matching);

        board.SelectMatching();
        Assert.Equal(["default/a", "default/b"], board.Selected.Order());
    }

    [Fact]
    public void DeletedPod_LeavesTheSelection()
    {
        var board = Board(Pod("a", "web"), Pod("b", "web"));
        board.ToggleColumn("web");

        board.Show(Snapshot(Pod("a", "web")));
        _ = board.Columns;

        Assert.Equal(["default/a"], board.Selected);
    }

    [Fact]
    public void DragSet_SelectedCard_MovesSelection_OtherCard_OnlyItself()
    {
        var board = Board(Pod("a", "db"), Pod("b", "db"), Pod("c", "db"));
        board.Click("default/a");
        board.Click("default/b");

        Assert.Equal(["default/a", "default/b"], board.DragSet("default/b"));
        Assert.Equal(["default/c"], board.DragSet("default/c"));
    }

    [Fact]
    public void EditForDrop_ValueColumnSets_NoValueRemoves()
    {
        var board = Board(Pod("a", "db"));

        Assert.Equal(LabelEdit.Set("tier", "web"), board.EditForDrop("web"));
        Assert.Equal(LabelEdit.Remove("tier"), board.EditForDrop(null));
    }

    [Fact]
    public void ChangedBy_CardsAlreadyInTheColumn_Left()
    {
        var board = Board(Pod("a", "db"), Pod("b", "web"));

        Assert.Equal(["default/a"], board.ChangedBy(["default/a", "default/b", "default/gone"], LabelEdit.Set("tier", "web")));
    }

    [Fact]
    public void Shown_CapsColumn_ShowMoreGrows()
    {
        var board = Board(Enumerable.Range(0, 1_000).Select(i => Pod($"p{i:0000}", "web")).ToArray());
        var web = board.Columns[0];

        Assert.Equal(LabelBoardModel.PageSize, board.Shown(web).Count());
        board.ShowMore("web");
        Assert.Equal(LabelBoardModel.PageSize * 6, board.ShownCount(web));
    }

    [Fact]
    public void Agents_GroupedByNodeLabels_NotSelectable()
    {
        var board = new LabelBoardModel();
        var agents = new[]
        {
            new AgentView("a1", "host-1", 4, 4096, 0, 0, 0, new Dictionary<string, string> { ["zone"] = "a" }),
            new AgentView("a2", "host-2", 4, 4096, 0, 0, 0, new Dictionary<string, string>()),
        };
        board.Show(ClusterSnapshot.Empty() with { Agents = agents.ToImmutableDictionary(a => a.AgentId, a => a) });
        board.SetSubject(BoardSubject.Agents);
        board.SetKey(NodeLabels.Zone);

        Assert.Equal(["a", null], board.Columns.Select(c => c.Value));
        board.Click("a1");
        Assert.Empty(board.Selected);
    }
}
