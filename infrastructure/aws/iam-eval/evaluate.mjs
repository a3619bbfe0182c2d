// Evaluates IAM requests against one identity policy with @cloud-copilot/iam-simulate (a real IAM
// evaluator: statement matching, wildcards, condition operators and explicit deny as IAM applies them).
// The Java tests run it; it is no part of a deployment.
//
// stdin:  {"principal": "arn:aws:iam::<account>:role/<name>", "account": "<12 digits>",
//          "policy": {<policy document>}, "requests": [{"action": "s3:GetObject",
//          "resource": "arn:aws:s3:::bucket/key", "context": {"s3:prefix": "..."}}]}
// stdout: one JSON array, one entry per request in order:
//         {"decision": "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | "Error", "detail": "..."}
// A request the simulator cannot evaluate (unknown action, resource of the wrong type, malformed
// policy) comes back as "Error" with the simulator's messages, so a typo never reads as a denial.
import { runSimulation } from '@cloud-copilot/iam-simulate'

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'))

const out = []
for (const request of input.requests) {
  const simulation = {
    identityPolicies: [{ name: 'task-role', policy: input.policy }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    request: {
      action: request.action,
      principal: input.principal,
      resource: { accountId: input.account, resource: request.resource },
      contextVariables: request.context ?? {}
    }
  }
  const response = await runSimulation(simulation, {})
  if (response.resultType === 'error') {
    out.push({ decision: 'Error', detail: JSON.stringify(response.errors) })
  } else {
    out.push({ decision: response.overallResult, detail: '' })
  }
}
process.stdout.write(JSON.stringify(out) + '\n')
