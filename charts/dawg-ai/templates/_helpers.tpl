{{/*
Names, labels and the component table. Every per-component resource is
rendered by ranging over "dawg.components", so api, ai-brain, voice,
generation, gateway, web and unified all go through the same templates.
*/}}

{{- define "dawg.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "dawg.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A component's resource name: <fullname>-<component>. Args: dict root, name. */}}
{{- define "dawg.componentName" -}}
{{- printf "%s-%s" (include "dawg.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "dawg.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Selector labels: small and stable (no version), so a Deployment's selector
never has to change. Args: dict root, name (the component).
*/}}
{{- define "dawg.selectorLabels" -}}
app.kubernetes.io/name: {{ include "dawg.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* Every object's labels. Args: dict root, name. */}}
{{- define "dawg.labels" -}}
{{ include "dawg.selectorLabels" . }}
app.kubernetes.io/version: {{ include "dawg.imageTag" .root | quote }}
app.kubernetes.io/part-of: dawg-ai
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "dawg.chart" .root }}
{{- with .root.Values.global.region }}
dawg.ai/region: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* The release's pods, whatever their component (NetworkPolicy default-deny). */}}
{{- define "dawg.releaseSelector" -}}
app.kubernetes.io/name: {{ include "dawg.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/*
Deep merge for values: maps merge key by key; anything else in the overlay
replaces the base, including false, 0, "" and []. (sprig's mergeOverwrite
skips "empty" overlay values, so `hpa.enabled: false` could not switch off
a `true` default.) Args: list base overlay. Returns JSON.
*/}}
{{- define "dawg.merge" -}}
{{- $out := deepCopy (index . 0) -}}
{{- range $key, $value := index . 1 -}}
{{- $base := index $out $key -}}
{{- if and (kindIs "map" $value) (kindIs "map" $base) -}}
{{- $_ := set $out $key (include "dawg.merge" (list $base $value) | fromJson) -}}
{{- else -}}
{{- $_ := set $out $key $value -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/*
The components to render, as JSON: name -> global merged with the
component's keys. With unified.enabled the backends give way to one
"unified" component that takes all their routes; web (not part of the
unified process) stays. Use: $components := include "dawg.components" . | fromJson
*/}}
{{- define "dawg.components" -}}
{{- $global := omit .Values.global "environment" "region" -}}
{{- $out := dict -}}
{{- $unifiedRoutes := list -}}
{{- range $name, $spec := .Values.components -}}
{{- if $spec.enabled -}}
{{- $c := include "dawg.merge" (list $global $spec) | fromJson -}}
{{- if and $.Values.unified.enabled $c.backend -}}
{{- $unifiedRoutes = concat $unifiedRoutes ($c.routes | default list) -}}
{{- else -}}
{{- $_ := set $out $name $c -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if .Values.unified.enabled -}}
{{- $u := include "dawg.merge" (list $global (omit .Values.unified "enabled")) | fromJson -}}
{{- $_ := set $u "routes" $unifiedRoutes -}}
{{- $_ := set $u "enabled" true -}}
{{- $_ := set $out "unified" $u -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* The image tag: global.image.tag or the chart's appVersion. Arg: root. */}}
{{- define "dawg.imageTag" -}}
{{- .Values.global.image.tag | default .Chart.AppVersion -}}
{{- end -}}

{{/* <registry>/<repository>/<name>:<tag>[@digest]. Args: dict root, name, c. */}}
{{- define "dawg.image" -}}
{{- $img := .c.image -}}
{{- $tag := $img.tag | default .root.Chart.AppVersion -}}
{{- if eq $tag "latest" -}}
{{- fail (printf "the image tag of %s is \"latest\": pin a release (e.g. %s) or a digest, so every replica and every rollback runs the same build" .name .root.Chart.AppVersion) -}}
{{- end -}}
{{- $ref := printf "%s/%s/%s:%s" $img.registry $img.repository ($img.name | default .name) $tag -}}
{{- if $img.digest -}}
{{- $ref = printf "%s@%s" $ref $img.digest -}}
{{- end -}}
{{- $ref -}}
{{- end -}}

{{/*
A Kubernetes memory quantity in MiB (rounded down). The schema admits only
plain bytes or a binary/decimal suffix, e.g. 512Mi, 1.5Gi, 800M.
*/}}
{{- define "dawg.memoryMiB" -}}
{{- $q := toString . -}}
{{- $units := list (list "Ki" (divf 1 1024)) (list "Mi" 1) (list "Gi" 1024) (list "Ti" 1048576) (list "k" (divf 1000 1048576)) (list "M" (divf 1000000 1048576)) (list "G" (divf 1000000000 1048576)) (list "T" (divf 1000000000000 1048576)) -}}
{{- $mib := divf (float64 $q) 1048576 -}}
{{- range $units -}}
{{- if hasSuffix (index . 0) $q -}}
{{- $mib = mulf (float64 (trimSuffix (index . 0) $q)) (index . 1) -}}
{{- end -}}
{{- end -}}
{{- floor $mib | int -}}
{{- end -}}

{{/* The Secret every component reads: the region's, the existing one, or the chart's. Arg: root. */}}
{{- define "dawg.secretName" -}}
{{- $region := include "dawg.region" . | fromJson -}}
{{- $region.existingSecret | default .Values.existingSecret | default (printf "%s-secrets" (include "dawg.fullname" .)) -}}
{{- end -}}

{{/* Whether the chart renders its own Secret ("true" or ""). Arg: root. */}}
{{- define "dawg.chartSecret" -}}
{{- $region := include "dawg.region" . | fromJson -}}
{{- if not (or $region.existingSecret .Values.existingSecret) -}}true{{- end -}}
{{- end -}}

{{/* The settings of global.region from `regions`, as JSON ({} when none). Arg: root. */}}
{{- define "dawg.region" -}}
{{- $region := .Values.global.region -}}
{{- if and $region .Values.regions -}}
{{- if not (hasKey .Values.regions $region) -}}
{{- fail (printf "global.region %q has no entry in regions (known: %s)" $region (keys .Values.regions | sortAlpha | join ", ")) -}}
{{- end -}}
{{- toJson (index .Values.regions $region) -}}
{{- else -}}
{{- toJson dict -}}
{{- end -}}
{{- end -}}

{{/* Hosts served by the Ingress/HTTPRoute: ingress.hosts plus the region's. Arg: root. Returns JSON list. */}}
{{- define "dawg.hosts" -}}
{{- $region := include "dawg.region" . | fromJson -}}
{{- toJson (concat .Values.ingress.hosts ($region.hosts | default list) | uniq) -}}
{{- end -}}

{{/* BullMQ's key prefix, derived from REDIS_KEY_PREFIX the way services/libs/platform queuePrefix() does. Arg: root. */}}
{{- define "dawg.bullPrefix" -}}
{{- if .Values.keda.bullPrefix -}}
{{- .Values.keda.bullPrefix -}}
{{- else -}}
{{- $redisPrefix := .Values.config.REDIS_KEY_PREFIX | default "dawg:" -}}
{{- printf "%s:bull" (trimSuffix ":" $redisPrefix) | trimPrefix ":" -}}
{{- end -}}
{{- end -}}

{{/* Whether a component is scaled by an HPA or a ScaledObject ("true" or ""). Arg: component. */}}
{{- define "dawg.autoscaled" -}}
{{- if or .hpa.enabled .keda.enabled -}}true{{- end -}}
{{- end -}}

{{/* The ServiceAccount name of a component. Args: dict root, name, c. */}}
{{- define "dawg.serviceAccountName" -}}
{{- if .c.serviceAccount.create -}}
{{- .c.serviceAccount.name | default (include "dawg.componentName" .) -}}
{{- else -}}
{{- .c.serviceAccount.name | default "default" -}}
{{- end -}}
{{- end -}}

{{/* The container-level hardening every container of the chart gets. Arg: podSecurityContext values. */}}
{{- define "dawg.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .runAsUser | int }}
runAsGroup: {{ .runAsGroup | int }}
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
privileged: false
capabilities:
  drop: [ALL]
{{- if eq (.procMount | default "Default") "Unmasked" }}
procMount: Unmasked
{{- end }}
seccompProfile:
  {{- toYaml (.seccompProfile | default (dict "type" "RuntimeDefault")) | nindent 2 }}
{{- end -}}

{{/* The pod-level security context. Arg: podSecurityContext values. */}}
{{- define "dawg.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .runAsUser | int }}
runAsGroup: {{ .runAsGroup | int }}
fsGroup: {{ .fsGroup | int }}
fsGroupChangePolicy: OnRootMismatch
seccompProfile:
  {{- toYaml (.seccompProfile | default (dict "type" "RuntimeDefault")) | nindent 2 }}
{{- end -}}

{{/* Every route, to the Service that serves it: list of {path, websocket, component}. Arg: root. Returns JSON. */}}
{{- define "dawg.routes" -}}
{{- $routes := list -}}
{{- range $name, $c := include "dawg.components" . | fromJson -}}
{{- range $c.routes -}}
{{- $routes = append $routes (dict "path" .path "websocket" (.websocket | default false) "component" $name) -}}
{{- end -}}
{{- end -}}
{{- toJson $routes -}}
{{- end -}}
