using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Tracemark.Incident;
using Tracemark.Reports;
using Tracemark.Store;
using Tracemark.Store.Workspace;

namespace Tracemark.Workspace;

/// <summary>
/// The JSON API under /api. Every case-scoped call first finds the caller's membership: no membership is 404 (the
/// case's existence is not confirmed to outsiders), a role without the right is 403. Reads of case data, reveals and
/// membership changes append an audit entry — a reveal before the value is sent.
/// </summary>
internal sealed class Api(IWorkspace db, JobRunner jobs, WorkspaceOptions options, AuditLog log, CaseCache<byte[]> summaries, CaseCache<CaseRecord> members)
{
    private const int AuditPage = 500;

    public void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/cases", (Func<HttpContext, Task<IResult>>)CreateCase).WithSummary("Open a case (leads); the caller becomes its lead.").Accepts<NewCase>("application/json").Produces<WorkspaceCreated>(StatusCodes.Status201Created);
        api.MapGet("/cases", (HttpContext http) => ListCases(http)).WithSummary("The cases the caller is a member of.").Produces<IReadOnlyList<WorkspaceCase>>();
        api.MapGet("/cases/{id:long}", ReadCase).WithSummary("A case and its members.").Produces<WorkspaceCaseDetail>();
        api.MapPost("/cases/{id:long}/members", SetMember).WithSummary("Add a member or change their role (the case's leads).").Accepts<NewMember>("application/json");
        api.MapGet("/cases/{id:long}/files", ListFiles).WithSummary("The evidence files of a case.").Produces<IReadOnlyList<WorkspaceFile>>();
        api.MapPost("/cases/{id:long}/files", Upload).WithSummary("Upload evidence (multipart, one or more files, streamed to disk); queues a scan job. kind=posts (query, or a form field before the files) marks chat exports and posts files for the intel view as well.").Produces<WorkspaceUpload>(StatusCodes.Status202Accepted).DisableAntiforgery();
        api.MapGet("/cases/{id:long}/summary", Summary).WithSummary("The masked scan summary of all the case's files (the `scan --summary-json` contract) with findings and the known-leak comparison.");
        api.MapGet("/cases/{id:long}/trace", Trace).WithSummary("Who leaked the case's files, when the store holds owner data: `tracemark trace --json` of all the case's files (ranked channels, evidence from the access log, verdict, caveats); 404 without owner data.");
        api.MapGet("/cases/{id:long}/intel", Intel).WithSummary("The case's posts files (uploaded with kind=posts) as `tracemark intel` reads them: posts by goods and type, actors with their offers and prices (handles masked), the market by month; 404 when the case has none.");
        api.MapPost("/cases/{id:long}/incident", OpenIncident).WithSummary("Open the case's incident (leads; needs the server's known-leak store): what `tracemark incident open` takes. The case's evidence files are added to it by a job, and every later upload's by its own job.").Accepts<NewIncident>("application/json").Produces<WorkspaceIncidentOpened>(StatusCodes.Status201Created);
        api.MapGet("/cases/{id:long}/incident", Incident).WithSummary("The case's incident report: `tracemark incident report --json` (contract tracemark.incident/1) — grade, deadlines with the time left, the initial and closing reports, the PIPL notice, the criminal counts, what is unconfirmed; 404 before a lead opens one.");
        api.MapPost("/cases/{id:long}/reveal", Reveal).WithSummary("Reveal one finding's value (leads, analysts); audited before it is sent.").Accepts<RevealRequest>("application/json").Produces<WorkspaceReveal>();
        api.MapGet("/jobs/{id:long}", Job).WithSummary("A scan job's state and progress.").Produces<WorkspaceJob>();
        api.MapGet("/jobs/{id:long}/events", JobEvents).WithSummary("The job's progress as server-sent events until it is done or failed.");
        api.MapGet("/audit", (Func<HttpContext, Task<IResult>>)ReadAudit).WithSummary("The audit entries of a case, newest first (leads, auditors).").Produces<IReadOnlyList<WorkspaceAuditEntry>>();
    }

    internal static IResult Problem(int status, string message) => Results.Json(new WorkspaceError(message), ReportJson.EscapedInfo<WorkspaceError>(), statusCode: status);

    private static IResult NotFound() => Problem(StatusCodes.Status404NotFound, "no such case (or you are not one of its members)");

    private static IResult Forbidden(string role, Operation operation) => Problem(StatusCodes.Status403Forbidden, $"your role in this case ({role}) does not allow {Describe(operation)}");

    private static string Describe(Operation operation) => operation switch
    {
        Operation.CreateCase => "opening cases",
        Operation.SetMember => "changing members",
        Operation.Upload => "uploading evidence",
        Operation.Reveal => "revealing values",
        Operation.ReadAudit => "reading the audit log",
        Operation.OpenIncident => "opening the case's incident",
        _ => "reading the case's data",
    };

    /// <summary>The caller's case, or the 404/403 to answer instead.</summary>
    internal (CaseRecord? Case, IResult? Refusal) Authorize(HttpContext http, long id, Operation operation) =>
        Decide(db.FindCase(id, Caller.Of(http).Id), operation);

    /// <summary>
    /// As <see cref="Authorize"/> for the busy read paths, without holding a thread while the database answers.
    /// The membership comes from memory when known (<see cref="CaseCache{T}"/>, emptied for the case by <see cref="AddMember"/>);
    /// the calls that change anything (uploads, reveals, members) ask the database each time.
    /// </summary>
    private async Task<(CaseRecord? Case, IResult? Refusal)> AuthorizeAsync(HttpContext http, long id, Operation operation)
    {
        var caller = Caller.Of(http).Id;
        return Decide(await members.Get(id, caller, c => db.FindCaseAsync(id, caller, c), http.RequestAborted).ConfigureAwait(false), operation);
    }

    private static (CaseRecord? Case, IResult? Refusal) Decide(CaseRecord? found, Operation operation) =>
        found is null ? (null, NotFound())
        : Access.Allows(found.Role, operation) ? (found, null)
        : (null, Forbidden(found.Role, operation));

    /// <summary>Appends the entry in its own transaction, now (the pages, reveals and membership changes).</summary>
    internal void Audit(HttpContext http, long? caseId, WorkspaceAuditAction action, string detail) =>
        db.Append(Caller.Of(http).Name, caseId, WorkspaceValues.Code(action), detail, WorkspaceAdmin.Now());

    /// <summary>Completes when the entry is committed, batched with the other requests' (<see cref="AuditLog"/>).</summary>
    private Task AuditAsync(HttpContext http, long? caseId, WorkspaceAuditAction action, string detail) =>
        log.Write(Caller.Of(http).Name, caseId, WorkspaceValues.Code(action), detail);

    private async Task<IResult> CreateCase(HttpContext http)
    {
        var caller = Caller.Of(http);
        var body = await Read(http, WorkspaceJson.Default.NewCase).ConfigureAwait(false);
        if (body.Refusal is not null)
        {
            return body.Refusal;
        }

        if (!Access.Allows(caller.Role, Operation.CreateCase))
        {
            return Problem(StatusCodes.Status403Forbidden, $"only leads open cases (you are {caller.Role})");
        }

        var (id, refusal) = OpenCase(http, body.Value?.Name);
        return refusal ?? Results.Json(new WorkspaceCreated(id), ReportJson.EscapedInfo<WorkspaceCreated>(), statusCode: StatusCodes.Status201Created);
    }

    internal (long Id, IResult? Refusal) OpenCase(HttpContext http, string? name)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 200)
        {
            return (0, Problem(StatusCodes.Status400BadRequest, "give the case a name of 1 to 200 characters: {\"name\": \"…\"}"));
        }

        try
        {
            var id = db.CreateCase(name, Caller.Of(http).Id, WorkspaceAdmin.Now());
            Audit(http, id, WorkspaceAuditAction.CaseCreate, $"opened case {id}");
            return (id, null);
        }
        catch (StoreException e) when (e.InnerException is null)
        {
            return (0, Problem(StatusCodes.Status409Conflict, e.Message));
        }
    }

    private IResult ListCases(HttpContext http) =>
        Results.Json((IReadOnlyList<WorkspaceCase>)[.. db.Cases(Caller.Of(http).Id).Select(c => new WorkspaceCase(c.Id, c.Name, WorkspaceValues.Role(c.Role), c.Created))], ReportJson.EscapedInfo<IReadOnlyList<WorkspaceCase>>());

    private async Task<IResult> ReadCase(HttpContext http, long id)
    {
        var (found, refusal) = await AuthorizeAsync(http, id, Operation.ReadCase).ConfigureAwait(false);
        if (found is null)
        {
            return refusal!;
        }

        await AuditAsync(http, id, WorkspaceAuditAction.CaseRead, "read the case and its members").ConfigureAwait(false);
        return Results.Json(new WorkspaceCaseDetail(found.Id, found.Name, WorkspaceValues.Role(found.Role), found.Created, [.. db.Members(id).Select(m => new WorkspaceMember(m.User, WorkspaceValues.Role(m.Role)))]), ReportJson.EscapedInfo<WorkspaceCaseDetail>());
    }

    private async Task<IResult> SetMember(HttpContext http, long id)
    {
        var (found, refusal) = Authorize(http, id, Operation.SetMember);
        if (found is null)
        {
            return refusal!;
        }

        var body = await Read(http, WorkspaceJson.Default.NewMember).ConfigureAwait(false);
        return body.Refusal ?? AddMember(http, id, body.Value?.User, body.Value?.Role) ?? Results.NoContent();
    }

    /// <summary>Adds the member; null when done, else the refusal.</summary>
    internal IResult? AddMember(HttpContext http, long id, string? user, string? role)
    {
        if (!Access.IsRole(role))
        {
            return Problem(StatusCodes.Status400BadRequest, $"role must be one of {string.Join(", ", Access.Roles)}");
        }

        if (string.IsNullOrWhiteSpace(user) || db.FindUser(user.Trim()) is not { } member)
        {
            return Problem(StatusCodes.Status404NotFound, $"no user named '{user}' (`tracemark server user add` creates users)");
        }

        // The entry first: a membership change that is not in the log must not happen.
        Audit(http, id, WorkspaceAuditAction.MemberSet, $"{member.Name} is now {role}");
        db.SetMember(id, member.Id, role!);
        members.Changed(id);
        return null;
    }

    private async Task<IResult> ListFiles(HttpContext http, long id)
    {
        var (found, refusal) = await AuthorizeAsync(http, id, Operation.ReadFiles).ConfigureAwait(false);
        if (found is null)
        {
            return refusal!;
        }

        await AuditAsync(http, id, WorkspaceAuditAction.FilesRead, "listed the evidence files").ConfigureAwait(false);
        return Results.Json((IReadOnlyList<WorkspaceFile>)[.. db.Files(id).Select(f => new WorkspaceFile(f.Id, f.Name, f.Bytes, f.Sha256, f.Uploaded, f.UploadedBy))], ReportJson.EscapedInfo<IReadOnlyList<WorkspaceFile>>());
    }

    /// <summary>
    /// Streams each part of a multipart body to its own file (hashing as it goes), so an upload of any size costs a
    /// 64 KiB buffer; the body limit is raised for this request only, to the configured maximum.
    /// </summary>
    private async Task<IResult> Upload(HttpContext http, long id)
    {
        var (found, refusal) = Authorize(http, id, Operation.Upload);
        if (found is null)
        {
            return refusal!;
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxUploadBytes + (1024 * 1024);
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return Problem(StatusCodes.Status415UnsupportedMediaType, "send the files as multipart/form-data (curl -F file=@leak.csv)");
        }

        if (http.Request.ContentLength > options.MaxUploadBytes + (1024 * 1024))
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, $"the upload is larger than this server's maximum ({options.MaxUploadBytes:N0} bytes)");
        }

        // evidence (the default) or posts: posts files are scanned too, and read by Tracemark.Intel.
        var asked = http.Request.Query["kind"].ToString();
        var kind = asked.Length == 0 ? "evidence" : asked;
        if (kind is not ("evidence" or "posts"))
        {
            return Problem(StatusCodes.Status400BadRequest, "kind must be evidence (a leak, the default) or posts (chat exports, forum crawls, post lists for the intel view)");
        }

        var stored = new List<(string Temp, string Name, long Bytes, string Sha256)>();
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body) { HeadersLengthLimit = 16 * 1024 };
            long total = 0;
            while (await reader.ReadNextSectionAsync(http.RequestAborted).ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                if (!disposition.IsFileDisposition())
                {
                    if (HeaderUtilities.RemoveQuotes(disposition.Name).Value == "kind")
                    {
                        kind = await Field(section.Body, http.RequestAborted).ConfigureAwait(false);
                        if (kind is not ("evidence" or "posts"))
                        {
                            throw new BadKind();
                        }
                    }

                    continue;
                }

                var name = SafeName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value);
                var temp = Path.Combine(options.Data, "incoming", Guid.NewGuid().ToString("N"));
                stored.Add((temp, name, 0, string.Empty));
                var (bytes, sha) = await Save(section.Body, temp, options.MaxUploadBytes - total, http.RequestAborted).ConfigureAwait(false);
                total += bytes;
                stored[^1] = (temp, name, bytes, sha);
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or InvalidDataException or TooLarge or BadKind)
        {
            foreach (var s in stored)
            {
                File.Delete(s.Temp);
            }

            return e is BadKind
                ? Problem(StatusCodes.Status400BadRequest, "the form field kind must be evidence (a leak, the default) or posts (chat exports, forum crawls, post lists for the intel view)")
                : e is TooLarge || e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
                ? Problem(StatusCodes.Status413PayloadTooLarge, $"the upload is larger than this server's maximum ({options.MaxUploadBytes:N0} bytes)")
                : Problem(StatusCodes.Status400BadRequest, $"the upload was cut off or malformed: {e.Message}");
        }

        if (stored.Count == 0)
        {
            return Problem(StatusCodes.Status400BadRequest, "no file in the upload: send one or more file parts (curl -F file=@leak.csv)");
        }

        var ids = new List<long>();
        var now = WorkspaceAdmin.Now();
        foreach (var (temp, name, bytes, sha) in stored)
        {
            var file = db.AddFile(id, name, bytes, sha, now, Caller.Of(http).Id);
            File.Move(temp, JobRunner.FilePath(options, file));
            ids.Add(file);
        }

        if (kind == "posts")
        {
            CasePosts.Add(options, id, ids);
        }

        var job = db.QueueJob(id, now);
        Audit(http, id, WorkspaceAuditAction.FilesUpload, $"uploaded {ids.Count} file(s){(kind == "posts" ? " of posts" : string.Empty)}, {stored.Sum(s => s.Bytes)} bytes, as {string.Join(", ", ids)}; job {job}");
        jobs.Enqueue(job);
        return Results.Json(new WorkspaceUpload(job, ids), ReportJson.EscapedInfo<WorkspaceUpload>(), statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<(long Bytes, string Sha256)> Save(Stream body, string path, long room, CancellationToken cancellation)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, BufferSize = 0, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var buffer = new byte[1 << 16];
        long bytes = 0;
        var file = new FileStream(path, options);
        await using (file.ConfigureAwait(false))
        {
            int read;
            while ((read = await body.ReadAsync(buffer, cancellation).ConfigureAwait(false)) > 0)
            {
                bytes += read;
                if (bytes > room)
                {
                    throw new TooLarge();
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellation).ConfigureAwait(false);
            }
        }

        return (bytes, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private sealed class TooLarge : Exception;

    private sealed class BadKind : Exception;

    /// <summary>A short form field's value (at most 32 characters are read).</summary>
    private static async Task<string> Field(Stream body, CancellationToken cancellation)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        var buffer = new char[33];
        var read = await reader.ReadBlockAsync(buffer, cancellation).ConfigureAwait(false);
        return new string(buffer, 0, read).Trim();
    }

    /// <summary>The file's own name, without folders or control characters, at most 200 characters.</summary>
    internal static string SafeName(string? name)
    {
        var file = Path.GetFileName((name ?? string.Empty).Replace('\\', '/'));
        var clean = new string([.. file.Where(c => !char.IsControl(c))]).Trim();
        return clean.Length == 0 ? "upload" : clean[..Math.Min(200, clean.Length)];
    }

    // The busiest read (issue 21: 100 readers, p99 < 200 ms): no thread waits on the database, the audit entry is
    // committed with the other readers' in one transaction, and the summary comes from memory until a job finishes.
    private async Task<IResult> Summary(HttpContext http, long id)
    {
        var (found, refusal) = await AuthorizeAsync(http, id, Operation.ReadSummary).ConfigureAwait(false);
        if (found is null)
        {
            return refusal!;
        }

        await AuditAsync(http, id, WorkspaceAuditAction.SummaryRead, "read the masked summary").ConfigureAwait(false);
        return await summaries.Get(id, 0, async c => await db.LatestDoneAsync(id, c).ConfigureAwait(false) is { Result: { } result } ? Encoding.UTF8.GetBytes(result) : null, http.RequestAborted).ConfigureAwait(false) is { } json
            ? Results.Bytes(json, "application/json; charset=utf-8")
            : Problem(StatusCodes.Status404NotFound, "no scan of this case has finished yet: upload evidence and follow its job");
    }

    private IResult Trace(HttpContext http, long id) => View(
        http, id, Operation.ReadTrace, "trace", WorkspaceAuditAction.TraceRead, "read the trace of the case's files",
        "no trace of this case: the server's known-leak store (--store) holds no owner data (`tracemark owner import`), or no scan of the case has finished since it does");

    private IResult Intel(HttpContext http, long id) => View(
        http, id, Operation.ReadIntel, "intel", WorkspaceAuditAction.IntelRead, "read the intel view of the case's posts",
        "no posts in this case: upload chat exports or posts files with kind=posts (curl -F kind=posts -F file=@result.json), then follow the job");

    // A part of the latest finished job's result (the trace, the intel view), after the role check and its audit entry.
    private IResult View(HttpContext http, long id, Operation operation, string part, WorkspaceAuditAction action, string detail, string missing)
    {
        var (found, refusal) = Authorize(http, id, operation);
        if (found is null)
        {
            return refusal!;
        }

        Audit(http, id, action, detail);
        return Part(db.LatestDone(id)?.Result, part) is { } json
            ? Results.Text(json, "application/json; charset=utf-8", Encoding.UTF8)
            : Problem(StatusCodes.Status404NotFound, missing);
    }

    /// <summary>One member of a finished job's result JSON, as it was stored, or null.</summary>
    internal static string? Part(string? result, string name)
    {
        if (result is null)
        {
            return null;
        }

        using var doc = JsonDocument.Parse(result);
        return doc.RootElement.TryGetProperty(name, out var part) && part.ValueKind == JsonValueKind.Object ? part.GetRawText() : null;
    }

    private async Task<IResult> OpenIncident(HttpContext http, long id)
    {
        var (found, refusal) = Authorize(http, id, Operation.OpenIncident);
        if (found is null)
        {
            return refusal!;
        }

        var body = await Read(http, WorkspaceJson.Default.NewIncident).ConfigureAwait(false);
        if (body.Refusal is not null)
        {
            return body.Refusal;
        }

        var (opened, problem) = StartIncident(http, id, body.Value);
        return problem ?? Results.Json(opened!, ReportJson.EscapedInfo<WorkspaceIncidentOpened>(), statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// Opens the case's incident in the known-leak store (as `tracemark incident open`, with the same checks) and queues
    /// a job that adds the case's evidence files to it; the caller's role was checked.
    /// </summary>
    internal (WorkspaceIncidentOpened? Opened, IResult? Problem) StartIncident(HttpContext http, long id, NewIncident? asked)
    {
        if (options.KnownLeaks is not { } store)
        {
            return (null, Problem(StatusCodes.Status409Conflict, "this server has no known-leak store (--store): incidents are kept there, as `tracemark incident` keeps them"));
        }

        var name = asked?.Name?.Trim() is { Length: > 0 } given ? given : $"case-{id.ToString(CultureInfo.InvariantCulture)}";
        if (name.Length > 100 || name.Any(char.IsControl))
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "name: at most 100 characters, no control characters"));
        }

        if (string.IsNullOrWhiteSpace(asked?.Discovered) || string.IsNullOrWhiteSpace(asked.Operator))
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "give when the leak was discovered and the operator type: {\"discovered\": \"2026-12-06T21:40:00+08:00\", \"operator\": \"cii|central|other\"}"));
        }

        var loss = asked.Loss is { } yuan ? yuan.ToString(CultureInfo.InvariantCulture) : null;
        try
        {
            IncidentBook.Validate(asked.Discovered, asked.Operator, loss, DateTimeOffset.UtcNow);
        }
        catch (ArgumentException e)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, e.Message));
        }

        string Text(string? value) => value?.Trim() is { Length: > 0 and <= 200 } t ? t : string.Empty;
        try
        {
            var created = CaseIncident.Create(options, id, name, () =>
            {
                // The entry first: an incident opened without it in the log must not exist.
                Audit(http, id, WorkspaceAuditAction.IncidentOpen, $"opened incident {name}");
                using var leaks = KnownLeakStore.Open(StoreLocation.Resolve(store, options.KnownLeaksKey), create: false);
                new IncidentBook(leaks).Open(name, asked.Discovered, asked.Operator, loss, Text(asked.OwnerContact) is { Length: > 0 } c ? c : null, Text(asked.Entity) is { Length: > 0 } e ? e : null, Text(asked.System) is { Length: > 0 } s ? s : null);
            });
            if (!created)
            {
                return (null, Problem(StatusCodes.Status409Conflict, $"this case already has an incident ({CaseIncident.Load(options, id)?.Name})"));
            }
        }
        catch (StoreException e) when (e.InnerException is null)
        {
            return (null, Problem(StatusCodes.Status409Conflict, e.Message));
        }

        // The case's evidence (not its posts) goes into the incident through the queue, one scan at a time.
        var posts = CasePosts.Load(options, id).ToHashSet();
        long? job = null;
        if (db.Files(id).Any(f => !posts.Contains(f.Id)))
        {
            job = db.QueueJob(id, WorkspaceAdmin.Now());
            jobs.Enqueue(job.Value);
        }

        return (new WorkspaceIncidentOpened(name, job), null);
    }

    private IResult Incident(HttpContext http, long id)
    {
        var (found, refusal) = Authorize(http, id, Operation.ReadIncident);
        if (found is null)
        {
            return refusal!;
        }

        if (CaseIncident.Load(options, id) is not { } incident)
        {
            return Problem(StatusCodes.Status404NotFound, "this case has no incident: a lead opens one (POST /api/cases/ID/incident, or the case page)");
        }

        Audit(http, id, WorkspaceAuditAction.IncidentRead, $"read the report of incident {incident.Name}");
        return IncidentReport(incident) is { } report
            ? Results.Text(ReportJson.Serialize(IncidentDocument.From(report)), "application/json; charset=utf-8", Encoding.UTF8)
            : Problem(StatusCodes.Status404NotFound, $"incident '{incident.Name}' is no longer in the server's known-leak store");
    }

    /// <summary>`tracemark incident report` of the case's incident as of now, or null when the store no longer holds it.</summary>
    internal IncidentReport? IncidentReport(CaseIncidentJson incident)
    {
        if (options.KnownLeaks is not { } store)
        {
            return null;
        }

        try
        {
            using var leaks = KnownLeakStore.Open(StoreLocation.Resolve(store, options.KnownLeaksKey), create: false);
            return new IncidentBook(leaks).Report(incident.Name);
        }
        catch (StoreException e) when (e.InnerException is null)
        {
            return null;
        }
    }

    private async Task<IResult> Reveal(HttpContext http, long id)
    {
        var (found, refusal) = Authorize(http, id, Operation.Reveal);
        if (found is null)
        {
            return refusal!;
        }

        var body = await Read(http, WorkspaceJson.Default.RevealRequest).ConfigureAwait(false);
        if (body.Refusal is not null)
        {
            return body.Refusal;
        }

        var (revealed, problem) = RevealValue(http, id, body.Value?.Finding);
        return problem ?? Results.Json(revealed!, ReportJson.EscapedInfo<WorkspaceReveal>());
    }

    /// <summary>The value behind a finding of the case's latest scan, after its audit entry is written.</summary>
    internal (WorkspaceReveal? Value, IResult? Problem) RevealValue(HttpContext http, long id, string? finding)
    {
        if (string.IsNullOrWhiteSpace(finding) || finding.Length > 64)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "name the finding to reveal: {\"finding\": \"mobile:0\"} (as listed in the summary's findings)"));
        }

        if (db.LatestDone(id) is not { } job || JobRunner.Example(options, job.Id, finding) is not { } value)
        {
            return (null, Problem(StatusCodes.Status404NotFound, $"no finding '{finding}' in the case's latest scan"));
        }

        // Written before the value leaves: if the log cannot take the entry, nothing is revealed.
        Audit(http, id, WorkspaceAuditAction.Reveal, $"revealed {finding} of job {job.Id}");
        return (new WorkspaceReveal(finding, finding[..finding.IndexOf(':', StringComparison.Ordinal)], value), null);
    }

    private IResult Job(HttpContext http, long id)
    {
        var (state, refusal) = JobFor(http, id);
        return refusal ?? Results.Json(state!, ReportJson.EscapedInfo<WorkspaceJob>());
    }

    private (WorkspaceJob? State, IResult? Refusal) JobFor(HttpContext http, long id)
    {
        if (db.Job(id) is not { } job)
        {
            return (null, Problem(StatusCodes.Status404NotFound, "no such job (or you are not a member of its case)"));
        }

        var (found, refusal) = Authorize(http, job.Case, Operation.ReadJob);
        if (found is null)
        {
            return (null, refusal is IStatusCodeHttpResult { StatusCode: 404 } ? Problem(StatusCodes.Status404NotFound, "no such job (or you are not a member of its case)") : refusal);
        }

        return (jobs.State(id), null);
    }

    /// <summary>Server-sent events: one "data:" line of the job's JSON whenever it changes, ending when it is done or failed.</summary>
    private async Task JobEvents(HttpContext http, long id)
    {
        var (state, refusal) = JobFor(http, id);
        if (refusal is not null)
        {
            await refusal.ExecuteAsync(http).ConfigureAwait(false);
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-store";
        string? last = null;
        try
        {
            while (!http.RequestAborted.IsCancellationRequested)
            {
                state = jobs.State(id)!;
                var json = JsonSerializer.Serialize(state, ReportJson.EscapedInfo<WorkspaceJob>());
                if (json != last)
                {
                    await http.Response.WriteAsync($"data: {json}\n\n", http.RequestAborted).ConfigureAwait(false);
                    await http.Response.Body.FlushAsync(http.RequestAborted).ConfigureAwait(false);
                    last = json;
                }

                if (state.State is JobState.Done or JobState.Failed)
                {
                    return;
                }

                await Task.Delay(250, http.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client left.
        }
    }

    private async Task<IResult> ReadAudit(HttpContext http)
    {
        if (!long.TryParse(http.Request.Query["case"], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return Problem(StatusCodes.Status400BadRequest, "name the case: /api/audit?case=ID");
        }

        var (found, refusal) = await AuthorizeAsync(http, id, Operation.ReadAudit).ConfigureAwait(false);
        if (found is null)
        {
            return refusal!;
        }

        await AuditAsync(http, id, WorkspaceAuditAction.AuditRead, "read the case's audit log").ConfigureAwait(false);
        return Results.Json((IReadOnlyList<WorkspaceAuditEntry>)[.. Entries(id)], ReportJson.EscapedInfo<IReadOnlyList<WorkspaceAuditEntry>>());
    }

    internal IEnumerable<WorkspaceAuditEntry> Entries(long id) => db.Audit(id, AuditPage).Select(e => WorkspaceValues.Entry(e.Id, e.At, e.Actor, e.Case, e.Action, e.Detail, e.Hash));

    private static async Task<(T? Value, IResult? Refusal)> Read<T>(HttpContext http, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        if (!http.Request.HasJsonContentType())
        {
            return (default, Problem(StatusCodes.Status415UnsupportedMediaType, "send JSON (Content-Type: application/json)"));
        }

        try
        {
            return (await http.Request.ReadFromJsonAsync(type, http.RequestAborted).ConfigureAwait(false), null);
        }
        catch (JsonException e)
        {
            return (default, Problem(StatusCodes.Status400BadRequest, $"the body is not the expected JSON: {e.Message}"));
        }
        catch (BadHttpRequestException e)
        {
            return (default, Problem(e.StatusCode, e.Message));
        }
    }
}
