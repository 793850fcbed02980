using k8s.Models;
using KubeMesos.Dashboard.Model.Forms;

namespace KubeMesos.Dashboard.Components.Pages;

public partial class CreateReplicationController
{
    protected override string KindName => "replication controller";

    protected override string DetailPath(V1ReplicationController created) => PathOf("replicationcontrollers", created);
}
