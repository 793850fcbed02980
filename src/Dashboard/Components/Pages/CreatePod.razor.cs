using k8s.Models;
using KubeMesos.Dashboard.Model.Forms;

namespace KubeMesos.Dashboard.Components.Pages;

public partial class CreatePod
{
    protected override string KindName => "pod";

    protected override string DetailPath(V1Pod created) => PathOf("pods", created);
}
